import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { acquireDataDirLock, DataDirLockedError, ensurePrivateDir, lockHolder, lockPath, releaseDataDirLock } from "./lock";

const LOCK_MODULE = path.resolve(import.meta.dirname, "lock.ts");
const children: ChildProcess[] = [];
const folders: string[] = [];
const done = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;


function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-lock-"));
  folders.push(dir);
  return dir;
}

/** The pid of a process that has already exited. */
function deadPid() {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  assert.ok(pid);
  return pid;
}

/** Another process holding the folder through db/lock.ts, until its stdin closes (then it exits and releases). */
async function holder(dir: string) {
  const script = `import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
acquireDataDirLock(${JSON.stringify(dir)});
process.stdout.write("locked\\n");
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));`;
  const file = path.join(tempDir(), "hold.mts");
  fs.writeFileSync(file, script);
  const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code, signal) => reject(new Error(`the holder exited before locking (code ${code}, signal ${signal})`)));
  });
  return child;
}

/** Whether a fresh process can take the folder's lock right now ("acquired", or "refused <pid>"). */
function contend(dir: string) {
  const script = `import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
try { acquireDataDirLock(${JSON.stringify(dir)}); process.stdout.write("acquired"); }
catch (err) { process.stdout.write("refused " + err.holderPid); }`;
  const file = path.join(tempDir(), "contend.mts");
  fs.writeFileSync(file, script);
  const result = spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (done(child) ? resolve() : child.once("exit", () => resolve())));

describe("data-folder lock", () => {
  // Inside the suite: a top-level hook attaches to the runner's root, which may run it before these tests end.
  after(() => {
    for (const child of children) if (!done(child)) child.kill();
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a free folder is locked with our pid and released", () => {
    const dir = path.join(tempDir(), "not-yet-there");
    acquireDataDirLock(dir);
    try {
      assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(process.pid));
      assert.equal(lockHolder(dir), process.pid);
      acquireDataDirLock(dir);
    } finally {
      releaseDataDirLock(dir);
    }
    assert.equal(fs.existsSync(lockPath(dir)), false);
    assert.equal(lockHolder(dir), null);
  });

  test("a folder held by another live process is refused, naming its pid", async () => {
    const dir = tempDir();
    const child = await holder(dir);
    assert.equal(lockHolder(dir), child.pid);
    assert.throws(
      () => acquireDataDirLock(dir),
      (err: unknown) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.equal(err.holderPid, child.pid);
        assert.equal(err.message, `The data folder is in use by process ${child.pid}.`);
        return true;
      },
    );
    assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(child.pid), "the holder's lock is left alone");
    child.stdin!.end();
    await exited(child);
    assert.equal(fs.existsSync(lockPath(dir)), false, "the holder released it on exit");
    acquireDataDirLock(dir);
    releaseDataDirLock(dir);
  });

  test("a lock left by a process that died is stale and taken over", async () => {
    const dir = tempDir();
    const child = await holder(dir);
    process.kill(child.pid!, "SIGKILL");
    await exited(child);
    assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(child.pid));
    assert.equal(lockHolder(dir), null);
    acquireDataDirLock(dir);
    try {
      assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(process.pid));
    } finally {
      releaseDataDirLock(dir);
    }
  });

  test("a lock file with the pid of an exited process or garbage is taken over", () => {
    for (const content of [String(deadPid()), "not a pid", ""]) {
      const dir = tempDir();
      fs.writeFileSync(lockPath(dir), content);
      assert.equal(lockHolder(dir), null, JSON.stringify(content));
      acquireDataDirLock(dir);
      try {
        assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(process.pid));
      } finally {
        releaseDataDirLock(dir);
      }
    }
  });

  test("releasing leaves a lock that another process wrote since", () => {
    const dir = tempDir();
    acquireDataDirLock(dir);
    const other = deadPid();
    fs.writeFileSync(lockPath(dir), String(other));
    releaseDataDirLock(dir);
    assert.equal(fs.readFileSync(lockPath(dir), "utf8"), String(other));
  });

  test("no other process takes the lock while its holder is still writing its pid", () => {
    const dir = tempDir();
    const file = lockPath(dir);
    const mutableFs = fs as unknown as { writeFileSync: typeof fs.writeFileSync };
    const original = mutableFs.writeFileSync;
    let contender: string | undefined;
    // Create-then-write is two steps: stop between them and let another process try its luck there.
    mutableFs.writeFileSync = ((target: fs.PathOrFileDescriptor, data: string, options?: fs.WriteFileOptions) => {
      if (target === file && typeof options === "object" && options?.flag === "wx") {
        const fd = fs.openSync(file, "wx", 0o600);
        contender = contend(dir);
        fs.writeSync(fd, data);
        fs.closeSync(fd);
        return;
      }
      return original(target, data, options);
    }) as typeof fs.writeFileSync;
    try {
      acquireDataDirLock(dir);
    } finally {
      mutableFs.writeFileSync = original;
    }
    try {
      contender ??= contend(dir);
      assert.equal(contender, `refused ${process.pid}`);
    } finally {
      releaseDataDirLock(dir);
    }
  });

  test("taking over a stale lock never removes the lock another process has just taken", async () => {
    const dir = tempDir();
    const file = lockPath(dir);
    fs.writeFileSync(file, String(deadPid()));
    const script = path.join(tempDir(), "rival.mts");
    fs.writeFileSync(script, `import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
try { acquireDataDirLock(${JSON.stringify(dir)}); } catch { process.exit(3); }
process.stdout.write("acquired");
setInterval(() => {}, 1000);`);
    const mutableFs = fs as unknown as { rmSync: typeof fs.rmSync };
    const original = mutableFs.rmSync;
    let rival: ChildProcess | undefined;
    // Between finding the lock stale and removing it, another process tries to take it over.
    mutableFs.rmSync = ((target: fs.PathLike, options?: fs.RmOptions) => {
      if (target === file && !rival) {
        rival = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "ignore"] });
        children.push(rival);
        const pause = new Int32Array(new SharedArrayBuffer(4));
        for (let waited = 0; waited < 3000 && readLock(file) !== String(rival.pid); waited += 20) Atomics.wait(pause, 0, 0, 20);
      }
      return original(target, options);
    }) as typeof fs.rmSync;
    let weHold = false;
    try {
      acquireDataDirLock(dir);
      weHold = true;
    } catch (err) {
      assert.ok(err instanceof DataDirLockedError, String(err));
    } finally {
      mutableFs.rmSync = original;
    }
    try {
      if (!rival) return assert.ok(weHold, "no race happened: a plain takeover");
      const child = rival;
      const rivalHolds = await new Promise<boolean>((resolve) => {
        child.stdout!.on("data", () => resolve(true));
        child.once("exit", () => resolve(false));
      });
      assert.ok(weHold !== rivalHolds, `exactly one holder: we ${weHold ? "hold" : "do not"}, the rival ${rivalHolds ? "holds" : "does not"}`);
      assert.equal(readLock(file), String(weHold ? process.pid : child.pid));
    } finally {
      releaseDataDirLock(dir);
      rival?.kill();
    }
  });
});

describe("the data folder is private to its owner", () => {
  test("taking the lock creates a missing folder 0700 and makes an existing one 0700", () => {
    const fresh = path.join(tempDir(), "new", "data");
    acquireDataDirLock(fresh);
    releaseDataDirLock(fresh);
    assert.equal(fs.statSync(fresh).mode & 0o777, 0o700);

    const existing = tempDir();
    fs.chmodSync(existing, 0o755);
    acquireDataDirLock(existing);
    releaseDataDirLock(existing);
    assert.equal(fs.statSync(existing).mode & 0o777, 0o700);
  });

  test("the database folder inside it too", () => {
    const pgdata = path.join(tempDir(), "pgdata");
    ensurePrivateDir(pgdata);
    assert.equal(fs.statSync(pgdata).mode & 0o777, 0o700);
  });
});

function readLock(file: string) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

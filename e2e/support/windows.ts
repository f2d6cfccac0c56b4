/**
 * The abuse limits count in fixed windows aligned to the clock (the server's is this machine's): a test that must stay
 * inside one window waits out the last seconds of the current one first.
 */
export async function awayFromWindowEdge(windowSeconds: number, needSeconds: number) {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < needSeconds) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

/**
 * Where stored files are kept, by key (`media/<id>`, `legal_documents/<organization>/<id>.pdf`): a private folder,
 * memory, or an S3-compatible bucket. Objects are never public: a download goes through a short-lived link.
 */
export interface ObjectStorage {
  /** Stores the bytes under the key, replacing any object there; `contentType` is what a bucket serves them as. */
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * An absolute URL that lets whoever holds it GET the object until `now + expiresInSeconds`, downloaded as `filename`
   * when given. `secret` is the instance secret that signs Orgdeck's own links (a bucket signs with its credentials).
   */
  presignGet(key: string, options: PresignOptions): Promise<string>;
}

export type PresignOptions = { expiresInSeconds: number; now: Date; secret: string; filename?: string };

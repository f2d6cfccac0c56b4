import { EventEmitter } from "node:events";
import { afterCommit, type Executor } from "../../../db/client";

const store = globalThis as typeof globalThis & { __orgdeckDeliverySignal?: EventEmitter };
/** Tells this process's webhook sender that a commit queued deliveries, so it claims them at once (it also polls). */
export const deliverySignal = (store.__orgdeckDeliverySignal ??= new EventEmitter());

/** Wakes this process's sender once the deliveries written on `executor` are committed. */
export function notifyDeliveries(executor: Executor) {
  afterCommit(executor, () => deliverySignal.emit("queued"));
}

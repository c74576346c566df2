/**
 * @internal Lets a class whose prototype has a `state` accessor for some of its instances only
 * (an `HttpStream` keeps per-partition state when it has a parent) say, per instance, whether
 * it keeps one.
 */
export const keepsStateHook = Symbol('tributary.keepsState');

/**
 * True when the stream keeps its state in a `state` member (a field or an accessor) that the
 * CDK sets before a read and reads at every checkpoint, rather than through `getUpdatedState`
 * or no state at all.
 */
export function keepsOwnState(stream: object): boolean {
  if (!('state' in stream)) return false;
  const hook = (stream as { [keepsStateHook]?: () => boolean })[keepsStateHook];
  return typeof hook === 'function' ? hook.call(stream) : true;
}

/** True when `state` is defined on `stream` itself or on a prototype below `base` (a subclass's own member). */
export function definesStateBelow(stream: object, base: object): boolean {
  for (let holder: object | null = stream; holder !== null && holder !== base; holder = Object.getPrototypeOf(holder)) {
    if (Object.hasOwn(holder, 'state')) return true;
  }
  return false;
}

/** The state a plain full-refresh stream ends with, as the Python CDK writes it. */
export const NO_CURSOR_STATE_KEY = '__ab_no_cursor_state_message';

/** The state a resumable full refresh ends with: the next sync starts from the beginning. */
export const FULL_REFRESH_COMPLETE_KEY = '__ab_full_refresh_sync_complete';

/** Input state that carries no position: only a marker written when a previous read ended. */
export function isMarkerOnlyState(state: Record<string, unknown> | undefined): boolean {
  if (state === undefined) return true;
  const keys = Object.keys(state);
  return keys.length === 0 || (keys.length === 1 && (keys[0] === NO_CURSOR_STATE_KEY || keys[0] === FULL_REFRESH_COMPLETE_KEY));
}

import { pathOf, type Route } from './routes';

let renderHook: () => Promise<void> = async () => {};
let cleanups: Array<() => void> = [];

/** Sets the function that renders the current URL (main.ts). */
export function setRenderer(render: () => Promise<void>): void {
  renderHook = render;
}

/** Re-renders the current URL. */
export function rerender(): Promise<void> {
  return renderHook();
}

/** Registers something (a live feed, a poller) to stop when the view changes. */
export function onLeave(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** Stops everything the previous view started. */
export function leave(): void {
  const current = cleanups;
  cleanups = [];
  for (const cleanup of current) {
    cleanup();
  }
}

/** Goes to a route without reloading. */
export function navigate(route: Route | string, replace = false): void {
  const path = typeof route === 'string' ? route : pathOf(route);
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  void renderHook();
}

// How the panels tell the page they are wired, and how their event
// listeners are cleaned up when they go.

import type { UnlistenFn } from "@tauri-apps/api/event";
import { inject, onMounted, onUnmounted, provide, type InjectionKey } from "vue";

type Track = (setUp: Promise<void>) => void;

const trackKey: InjectionKey<Track> = Symbol("panel set-up");

/**
 * In the app: collect every panel's set-up. The function it returns settles
 * once all of them have finished (call it after the panels have mounted).
 */
export function provideWiring(): () => Promise<void> {
  const pending: Promise<void>[] = [];
  provide(trackKey, (setUp) => pending.push(setUp));
  return async () => {
    await Promise.all(pending);
  };
}

/**
 * In a panel: run `setUp` (listen to events, load data...) once the panel is
 * on the page. The page reports itself ready only after it has finished.
 */
export function onPanelMounted(setUp: () => Promise<void>): void {
  const track = inject(trackKey, () => undefined);
  onMounted(() => track(setUp()));
}

/**
 * Event listeners that live as long as the component: `keep(listen(...))`
 * waits until one is registered; each is unlistened when the component
 * unmounts, even one whose registration was still under way. `release()`
 * unlistens the ones kept so far sooner (a run that is over).
 */
export function useListeners(): {
  keep: (registering: Promise<UnlistenFn>) => Promise<void>;
  release: () => void;
} {
  const unlisteners: UnlistenFn[] = [];
  let unmounted = false;
  function release(): void {
    for (const unlisten of unlisteners.splice(0)) unlisten();
  }
  onUnmounted(() => {
    unmounted = true;
    release();
  });
  return {
    async keep(registering) {
      const unlisten = await registering;
      if (unmounted) unlisten();
      else unlisteners.push(unlisten);
    },
    release,
  };
}

/**
 * Runs client code that waits on timers (retry backoff, Retry-After) against a real local HTTP
 * server on jest's fake clock, so a unit test checks the waits without sleeping through them.
 * Sockets and the server run in real event-loop turns, which the fake clock leaves alone
 * (`setImmediate` is not faked): before each jump to the next timer, the exchanges under way get
 * those turns, so a request takes no fake time and a wait takes exactly the fake time it asked for.
 */

/** Fakes every clock but the turns the sockets need; `jest.useRealTimers()` undoes it. */
export function useFakeClock(): void {
  jest.useFakeTimers({ doNotFake: ["setImmediate"] });
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Real turns given before each jump: a local exchange takes two or three. */
const TURNS = 25;

/**
 * Settles `promise`, jumping the fake clock from timer to timer whenever nothing is left to do in
 * real time. `busy` tells when the server still owes an answer, so no timer (a request timeout, say)
 * fires before it has sent it.
 */
export async function onFakeClock<T>(promise: Promise<T>, busy: () => boolean = () => false): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let jumps = 0; ; jumps++) {
    for (let i = 0; !settled && (i < TURNS || busy()); i++) {
      if (i > 10_000) throw new Error("the server has not answered after 10,000 turns");
      await turn();
    }
    if (settled) return promise;
    if (jumps > 1_000) throw new Error("still waiting after 1,000 timers");
    await jest.advanceTimersToNextTimerAsync();
  }
}

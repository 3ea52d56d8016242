/** Resolves after SIGINT/SIGTERM once `close` has finished (stores flushed). */
export function waitForShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve, (error: unknown) => {
        process.stderr.write(`penumbra: shutdown failed: ${String(error)}\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs every method of `methods` through `guard` (closed check, error mapping). */
export function wrapAll<T extends object>(
  methods: T,
  guard: <R>(work: () => R | Promise<R>) => Promise<R>,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = (...args: unknown[]) =>
      guard(() => (method as (...a: unknown[]) => unknown)(...args));
  }
  return wrapped as T;
}

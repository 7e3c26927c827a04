/**
 * A value made the first time it is asked for, then kept. The extension require()s the code
 * only a command needs through one of these, so activation never parses it (scripts/build.mjs
 * gives that code its own file in dist/); whoever creates it owns what it makes.
 */
export class OnFirstUse<T> {
  private made: { value: T } | undefined;

  constructor(private readonly make: () => T) {}

  get(): T {
    this.made ??= { value: this.make() };
    return this.made.value;
  }

  /** The value if it was made, without making it: for disposing only what exists. */
  get ifMade(): T | undefined {
    return this.made?.value;
  }
}

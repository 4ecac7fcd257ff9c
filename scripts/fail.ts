/** Prints `message` and stops the command with exit code 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

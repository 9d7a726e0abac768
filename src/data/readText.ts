/**
 * Reading a user's file as UTF-8 text, with the reason worded for a one-line error ("no such file" or the
 * system's message).
 * @module
 */
import { readFileSync } from "node:fs";

/**
 * The file's text, or the error that `explain` makes of why it could not be read.
 * @param path - the file
 * @param explain - builds the error from the reason ("no such file", or the system's message)
 * @returns the text
 * @throws the error from `explain`
 * @example
 * readText("absent.csv", (why) => new Error(`cannot read data file 'absent.csv': ${why}`));
 * // throws "cannot read data file 'absent.csv': no such file"
 */
export function readText(path: string, explain: (why: string) => Error): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw explain(code === "ENOENT" ? "no such file" : (e as Error).message);
  }
}

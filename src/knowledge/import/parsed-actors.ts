// What an actor import reader returns: the actors of a file, or the problems that stop it, each
// placed at its file and line.
import type { Actor } from "../../domain/index.js";

export interface ImportProblem {
  /** "file:line" (or the file alone). */
  where: string;
  message: string;
}

export interface ParsedActors {
  actors: Actor[];
  problems: ImportProblem[];
  /** What the import did that a reader would not expect from the file alone. */
  note?: string;
}

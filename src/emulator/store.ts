/**
 * The emulator's state: one JSON-serialisable object per API ("exoscale", "scaleway", …), kept in
 * memory and, when a state file is given, written after every change so a demo survives a restart.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export class Store {
  private readonly data: Record<string, unknown>;
  private saveTimer?: NodeJS.Timeout;

  constructor(private readonly file?: string) {
    this.data = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  }

  /** The state slice for one API, created by `init` on first use. Mutate it, then call `changed()`. */
  slice<T>(name: string, init: () => T): T {
    if (!(name in this.data)) this.data[name] = init();
    return this.data[name] as T;
  }

  /** Whether the slice was loaded from the state file (so seeding is skipped). */
  has(name: string): boolean {
    return name in this.data;
  }

  /** Schedules a write of the state file (coalesced). */
  changed(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 20);
  }

  /** Writes the state file now (atomically). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.data, null, 2));
    fs.renameSync(temp, this.file);
  }

  snapshot(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.data));
  }
}

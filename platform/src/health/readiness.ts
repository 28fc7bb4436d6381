/** Tracks start-up: the app answers /ready with 200 and serves the API only once migrated. */
export class Readiness {
  #migrated = false;

  get migrated(): boolean {
    return this.#migrated;
  }

  markMigrated(): void {
    this.#migrated = true;
  }
}

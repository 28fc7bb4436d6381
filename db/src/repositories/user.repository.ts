import type { Sql } from 'postgres';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
  passwordHash: string;
  disabledAt: Date | null;
}

/** Work that commits with a new account or not at all, given the account's transaction. */
export type WithNewAccount = (tx: Sql, user: UserRow) => Promise<void>;

/** Serialises "is this the first account?" across concurrent registrations. */
const FIRST_ACCOUNT_LOCK_ID = 727_003;

export class UserRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Inserts an account. `roleFor` decides the instance role from whether any account exists
   * yet, under a transaction lock so two first registrations cannot both become admin.
   * Returns null when the email is taken. `withAccount` runs in the same transaction once the
   * row exists (redeeming an invite); if it throws, the account is not created.
   */
  async create(
    input: { email: string; name: string; passwordHash: string },
    roleFor: (isFirstAccount: boolean) => 'admin' | 'member',
    withAccount?: WithNewAccount,
  ): Promise<UserRow | null> {
    return this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK_ID})`;
      const [existing] = await tx`select exists(select 1 from users) as any`;
      const role = roleFor(!existing?.any);
      const [row] = await tx<UserRow[]>`
        insert into users (email, name, password_hash, role)
        values (${input.email}, ${input.name}, ${input.passwordHash}, ${role})
        on conflict (email) do nothing
        returning id, email, name, role, password_hash as "passwordHash", disabled_at as "disabledAt"`;
      if (row && withAccount) await withAccount(tx as unknown as Sql, row);
      return row ?? null;
    }) as Promise<UserRow | null>;
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const [row] = await this.sql<UserRow[]>`
      select id, email, name, role, password_hash as "passwordHash", disabled_at as "disabledAt"
      from users where email = ${email}`;
    return row ?? null;
  }

  async findById(id: string): Promise<UserRow | null> {
    const [row] = await this.sql<UserRow[]>`
      select id, email, name, role, password_hash as "passwordHash", disabled_at as "disabledAt"
      from users where id = ${id}`;
    return row ?? null;
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.sql`update users set password_hash = ${passwordHash} where id = ${id}`;
  }
}

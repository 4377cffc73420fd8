// Storage behind an interface so handlers never know where data lives: the example keeps it in memory, a real
// service would put a database behind the same methods. Amounts are integer minor units (cents) so no float
// rounding ever reaches a balance.
import { randomUUID } from "node:crypto";

export type Currency = "EUR" | "USD" | "GBP";

export interface Account {
  id: string;
  name: string;
  currency: Currency;
  /** Minor units (cents). */
  balance: number;
  createdAt: string;
}

export type WagerStatus = "open" | "won" | "lost" | "void";

export interface Wager {
  id: string;
  accountId: string;
  game: string;
  /** Minor units (cents), in the account's currency. */
  stake: number;
  currency: Currency;
  status: WagerStatus;
  /** Minor units paid out on settlement (0 until settled, or when lost). */
  payout: number;
  placedAt: string;
  settledAt?: string;
}

/** Why a store operation refused: the HTTP layer maps each to a status. */
export class StoreError extends Error {
  constructor(
    readonly code: "not_found" | "insufficient_funds" | "currency_mismatch" | "already_settled",
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

export interface Store {
  createAccount(input: { name: string; currency: Currency; balance?: number }): Promise<Account>;
  getAccount(id: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  /** Adds (or with a negative amount removes) funds; never takes a balance below zero. */
  credit(accountId: string, amount: number): Promise<Account>;
  /** Debits the stake from the account and records an open wager, atomically. */
  placeWager(input: { accountId: string; game: string; stake: number; currency?: Currency }): Promise<Wager>;
  getWager(id: string): Promise<Wager | undefined>;
  listWagers(accountId: string): Promise<Wager[]>;
  /** Settles an open wager; a win credits the payout to the account. */
  settleWager(id: string, outcome: "won" | "lost" | "void", payout?: number): Promise<Wager>;
}

export class MemoryStore implements Store {
  private readonly accounts = new Map<string, Account>();
  private readonly wagers = new Map<string, Wager>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async createAccount(input: { name: string; currency: Currency; balance?: number }): Promise<Account> {
    const account: Account = {
      id: randomUUID(),
      name: input.name,
      currency: input.currency,
      balance: input.balance ?? 0,
      createdAt: this.now().toISOString(),
    };
    this.accounts.set(account.id, account);
    return { ...account };
  }

  async getAccount(id: string): Promise<Account | undefined> {
    const a = this.accounts.get(id);
    return a && { ...a };
  }

  async listAccounts(): Promise<Account[]> {
    return [...this.accounts.values()].map((a) => ({ ...a }));
  }

  async credit(accountId: string, amount: number): Promise<Account> {
    const a = this.mustAccount(accountId);
    if (a.balance + amount < 0) throw new StoreError("insufficient_funds", `account ${accountId} has ${a.balance}, cannot remove ${-amount}`);
    a.balance += amount;
    return { ...a };
  }

  async placeWager(input: { accountId: string; game: string; stake: number; currency?: Currency }): Promise<Wager> {
    const a = this.mustAccount(input.accountId);
    if (input.currency !== undefined && input.currency !== a.currency) {
      throw new StoreError("currency_mismatch", `account ${a.id} holds ${a.currency}, the wager is in ${input.currency}`);
    }
    if (a.balance < input.stake) {
      throw new StoreError("insufficient_funds", `stake ${input.stake} exceeds the balance ${a.balance} of account ${a.id}`);
    }
    a.balance -= input.stake;
    const wager: Wager = {
      id: randomUUID(),
      accountId: a.id,
      game: input.game,
      stake: input.stake,
      currency: a.currency,
      status: "open",
      payout: 0,
      placedAt: this.now().toISOString(),
    };
    this.wagers.set(wager.id, wager);
    return { ...wager };
  }

  async getWager(id: string): Promise<Wager | undefined> {
    const w = this.wagers.get(id);
    return w && { ...w };
  }

  async listWagers(accountId: string): Promise<Wager[]> {
    this.mustAccount(accountId);
    return [...this.wagers.values()].filter((w) => w.accountId === accountId).map((w) => ({ ...w }));
  }

  async settleWager(id: string, outcome: "won" | "lost" | "void", payout = 0): Promise<Wager> {
    const w = this.wagers.get(id);
    if (w === undefined) throw new StoreError("not_found", `wager ${id} does not exist`);
    if (w.status !== "open") throw new StoreError("already_settled", `wager ${id} is already ${w.status}`);
    const a = this.mustAccount(w.accountId);
    w.status = outcome;
    w.payout = outcome === "won" ? payout : outcome === "void" ? w.stake : 0;
    w.settledAt = this.now().toISOString();
    a.balance += w.payout;
    return { ...w };
  }

  private mustAccount(id: string): Account {
    const a = this.accounts.get(id);
    if (a === undefined) throw new StoreError("not_found", `account ${id} does not exist`);
    return a;
  }
}

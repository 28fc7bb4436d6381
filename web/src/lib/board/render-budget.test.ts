import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { listsWithin, RenderBudget } from './render-budget.svelte';

describe('the lists built within a budget', () => {
  const lists = [
    { id: 'day-1', strips: 30 },
    { id: 'day-2', strips: 0 },
    { id: 'day-3', strips: 40 },
    { id: 'day-4', strips: 25 },
    { id: 'day-5', strips: 10 },
  ];

  test('takes whole lists up to and including the one that reaches the limit', () => {
    expect([...listsWithin(lists, 60)]).toEqual(['day-1', 'day-2', 'day-3']);
    expect([...listsWithin(lists, 70)]).toEqual(['day-1', 'day-2', 'day-3']);
    expect([...listsWithin(lists, 71)]).toEqual(['day-1', 'day-2', 'day-3', 'day-4']);
  });

  test('always takes the first list, however long', () => {
    expect([...listsWithin([{ id: 'long', strips: 500 }], 80)]).toEqual(['long']);
  });

  test('takes every list when the limit is gone', () => {
    expect(listsWithin(lists, Infinity).size).toBe(5);
  });
});

describe('building the board a chunk at a time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Node has no frames: one every 16 ms.
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  test('grows by a chunk after each frame until every strip fits, then lifts the limit', () => {
    const budget = new RenderBudget(80, 120);
    budget.grow(300);
    budget.grow(300); // asked again before the frame: still one chunk
    expect(budget.limit).toBe(80);
    vi.advanceTimersByTime(16);
    expect(budget.limit).toBe(80); // the frame has run; the chunk comes after its paint
    vi.advanceTimersByTime(1);
    expect(budget.limit).toBe(200);
    budget.grow(300);
    vi.advanceTimersByTime(17);
    expect(budget.limit).toBe(320);
    budget.grow(300);
    expect(budget.limit).toBe(Infinity);
  });

  test('waits while the board is empty, and lifts the limit at once for a small one', () => {
    const budget = new RenderBudget(80, 120);
    budget.grow(0);
    vi.advanceTimersByTime(100);
    expect(budget.limit).toBe(80);
    budget.grow(40);
    expect(budget.limit).toBe(Infinity);
  });

  test('reveals everything on demand and cancels the chunk pending', () => {
    const budget = new RenderBudget(80, 120);
    budget.grow(500);
    budget.revealAll();
    expect(budget.limit).toBe(Infinity);
    vi.advanceTimersByTime(100);
    expect(budget.limit).toBe(Infinity);
    budget.grow(500);
    expect(vi.getTimerCount()).toBe(0);
  });
});

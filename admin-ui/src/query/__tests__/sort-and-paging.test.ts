import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, nextPage, pageNumber, previousPage } from '../cursor-pager';
import { sortParam, toggleSort } from '../sort-model';

describe('header clicks → sort parameter', () => {
  it('cycles one column ascending → descending → off', () => {
    let keys = toggleSort([], 'name', false);
    expect(sortParam(keys)).toBe('name');
    keys = toggleSort(keys, 'name', false);
    expect(sortParam(keys)).toBe('-name');
    keys = toggleSort(keys, 'name', false);
    expect(sortParam(keys)).toBeUndefined();
  });

  it('a plain click replaces the keys, a shift-click adds one', () => {
    let keys = toggleSort([], 'tier', false);
    keys = toggleSort(keys, 'city', true);
    expect(sortParam(keys)).toBe('tier,city');
    keys = toggleSort(keys, 'tier', true);
    expect(sortParam(keys)).toBe('-tier,city');
    keys = toggleSort(keys, 'region', false);
    expect(sortParam(keys)).toBe('region');
  });
});

describe('cursor paging', () => {
  it('keeps a stack of cursors for previous / next', () => {
    let pager = firstPage();
    expect(currentCursor(pager)).toBeUndefined();
    pager = nextPage(pager, 'c2');
    pager = nextPage(pager, 'c3');
    expect(pageNumber(pager)).toBe(3);
    expect(currentCursor(pager)).toBe('c3');
    pager = previousPage(pager);
    expect(currentCursor(pager)).toBe('c2');
    pager = previousPage(previousPage(pager));
    expect(pageNumber(pager)).toBe(1);
  });
});

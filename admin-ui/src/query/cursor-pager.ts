/**
 * Keyset paging state: the cursors of the pages already visited. Page 1 has no cursor; "next"
 * pushes the cursor the API handed out, "previous" pops back to the one before.
 */
export interface CursorPager {
  stack: (string | undefined)[];
}

export function firstPage(): CursorPager {
  return { stack: [undefined] };
}

export function currentCursor(pager: CursorPager): string | undefined {
  return pager.stack[pager.stack.length - 1];
}

export function pageNumber(pager: CursorPager): number {
  return pager.stack.length;
}

export function nextPage(pager: CursorPager, nextCursor: string): CursorPager {
  return { stack: [...pager.stack, nextCursor] };
}

export function previousPage(pager: CursorPager): CursorPager {
  return pager.stack.length > 1 ? { stack: pager.stack.slice(0, -1) } : pager;
}

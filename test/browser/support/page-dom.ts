// Callbacks given to waitForFunction/evaluate run in the page; the tests are type-checked without
// the DOM library, so these declare the little of the DOM they use.

export interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
  scrollWidth: number;
  clientWidth: number;
  /** Inputs and selects. */
  value?: string;
}

export interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  documentElement: {
    scrollWidth: number;
    clientWidth: number;
    dataset: Record<string, string | undefined>;
  };
}

import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test-support/fake-fetch';
import { mountWithRouter } from '../../../test-support/mount-options';
import GlobalSearch from '../GlobalSearch.vue';

const label = (en: string) => ({ 'zh-CN': en, en, es: en });

describe('global search', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches as the user types (once, after a pause), groups hits by entity and opens one from the keyboard', async () => {
    const seen = fakeApi(({ url }) =>
      url.pathname === '/api/search'
        ? {
            body: {
              data: [
                { entity: 'customer', label: label('Customer'), labelPlural: label('Customers'), hasMore: false, hits: [{ id: 'c1', title: 'Acme', matches: { name: 'Acme' } }] },
                { entity: 'contact', label: label('Contact'), labelPlural: label('Contacts'), hasMore: false, hits: [{ id: 'p1', title: 'Ann', matches: { email: 'ann@acme.test' } }] },
              ],
            },
          }
        : undefined,
    );
    const { options, router } = mountWithRouter();
    const wrapper = mount(GlobalSearch, { ...options, attachTo: document.body });
    const input = wrapper.find('input');
    for (const text of ['a', 'ac', 'acme']) await input.setValue(text);
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(seen.filter((r) => r.url.pathname === '/api/search').map((r) => r.url.searchParams.get('q'))).toEqual(['acme']);
    expect(wrapper.findAll('[data-search-group] h4').map((h) => h.text())).toEqual(['Customers', 'Contacts']);
    // What else matched is shown beside the title.
    expect(wrapper.find('[data-search-index="1"]').text()).toContain('ann@acme.test');

    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.find('[data-search-index="1"]').classes()).toContain('is-active');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/records/contact/p1');
    wrapper.unmount();
  });

  it('says when nothing matches, and Enter without a pick shows all results', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/search' ? { body: { data: [] } } : undefined));
    const { options, router } = mountWithRouter();
    const wrapper = mount(GlobalSearch, { ...options, attachTo: document.body });
    await wrapper.find('input').setValue('zzz');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(wrapper.text()).toContain('Nothing found for "zzz"');
    await wrapper.find('input').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/search?q=zzz');
    wrapper.unmount();
  });
});

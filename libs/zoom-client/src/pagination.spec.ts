import { ZOOM_ENDPOINTS, endpointByOperationId } from '#libs/zoom-contract';
import { LIST_FIELDS, pageRequest, paginate } from './pagination.js';
import { ZoomPermanentError } from './zoom-errors.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('pagination', () => {
  it('knows the list of every paginated endpoint of the catalogue, and only those', () => {
    const paged = ZOOM_ENDPOINTS.filter((e) => e.pageSize).map((e) => e.operationId);
    expect(Object.keys(LIST_FIELDS).sort()).toEqual([...paged].sort());
  });

  it("asks for the endpoint's largest page unless told less, and clamps over-max sizes", () => {
    const contacts = endpointByOperationId('searchCompanyContacts');
    expect(pageRequest(contacts, [{ search_key: 'a' }]).query).toEqual({ search_key: 'a', page_size: 25 });
    expect(pageRequest(contacts, [{ search_key: 'a', page_size: 5 }]).query.page_size).toBe(5);
    expect(pageRequest(contacts, [{ search_key: 'a', page_size: 500 }]).query.page_size).toBe(25);
  });

  it('takes path parameters by name when the endpoint has any', () => {
    const members = endpointByOperationId('listChannelMembers');
    expect(pageRequest(members, [{ channelId: 'c', userId: 'u' }])).toEqual({
      pathValues: ['u', 'c'],
      query: { page_size: 100 },
    });
  });

  it('follows next_page_token until ""', async () => {
    const asked: (string | undefined)[] = [];
    const pages = await collect(
      paginate('op', (token) => {
        asked.push(token);
        const next = token === undefined ? 't1' : token === 't1' ? 't2' : '';
        return Promise.resolve({ next_page_token: next, n: asked.length });
      }),
    );
    expect(asked).toEqual([undefined, 't1', 't2']);
    expect(pages.map((p) => p.n)).toEqual([1, 2, 3]);
  });

  it('stops on a token handed back unchanged instead of paging forever', async () => {
    const pages = paginate('op', () => Promise.resolve({ next_page_token: 'same' }));
    await expect(collect(pages)).rejects.toBeInstanceOf(ZoomPermanentError);
  });
});

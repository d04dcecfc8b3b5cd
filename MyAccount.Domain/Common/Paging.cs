namespace MyAccount.Domain.Common;

/// <summary>One page of a longer list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>Which page to read: 1-based page number, page size clamped to 1..200.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 200;

    public int SafePage => Math.Max(1, Page);

    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    public int Skip => (SafePage - 1) * SafePageSize;
}

public static class Pages
{
    /// <summary>Reads page after page (of the largest size) until the last one or <paramref name="maxPages"/>, for exports.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<PagedResult<T>>> read, int maxPages = int.MaxValue)
    {
        var all = new List<T>();
        PagedResult<T> page;
        var next = 1;
        do
        {
            page = await read(new PageRequest(next++, PageRequest.MaxPageSize));
            all.AddRange(page.Items);
        }
        while (next <= page.PageCount && next <= maxPages);

        return all;
    }
}

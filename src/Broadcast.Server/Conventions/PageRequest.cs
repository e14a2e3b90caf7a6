using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Conventions;

/// <summary>
/// <c>?page=N&amp;pageSize=M</c> of a list endpoint: pages count from 1, <see cref="DefaultPageSize"/> items unless
/// asked, at most <see cref="MaxPageSize"/>. Handlers take <c>int? page, int? pageSize</c> and call <see cref="TryCreate"/>.
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;

    // A page the console can render on an office PC over a slow link.
    public const int MaxPageSize = 500;

    /// <summary>The request, or a 400 ProblemDetails that names the bad parameter.</summary>
    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out ProblemHttpResult? problem)
    {
        request = new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
        problem = request.Page < 1
            ? Bad($"page={request.Page}: pages count from 1")
            : request.PageSize is < 1 or > MaxPageSize
                ? Bad($"pageSize={request.PageSize}: use 1 to {MaxPageSize}")
                : null;
        return problem is null;
    }

    /// <summary>This page of <paramref name="all"/> (already in the order the endpoint promises).</summary>
    public Page<T> Of<T>(IReadOnlyCollection<T> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var items = all.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize)).Take(PageSize).ToList();
        return new Page<T>(items, Page, PageSize, all.Count);
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad paging parameter");
}

/// <summary>One page of a list: <c>{"items": [...], "number": 1, "pageSize": 50, "total": 123, "hasMore": true}</c>.</summary>
public sealed class Page<T>(IReadOnlyList<T> items, int page, int pageSize, int total)
{
    public IReadOnlyList<T> Items { get; } = items;

    /// <summary>This page's number, from 1.</summary>
    public int Number { get; } = page;

    public int PageSize { get; } = pageSize;

    /// <summary>Items in the whole list.</summary>
    public int Total { get; } = total;

    public bool HasMore => (long)Number * PageSize < Total;
}

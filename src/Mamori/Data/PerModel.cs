using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Data;

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, Task{TResult}}})"/>)
/// binds itself to the model it first runs with and refuses any other. An app process has one model, but the tests
/// run SQLite and PostgreSQL side by side, so each model gets its own copy of the compiled query.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _compiled = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace MyAccount.Domain.Persistence.PostgreSql;

/// <summary>
/// Writes new entities with binary <c>COPY</c>, columns and values taken from the EF Core model (column names, value
/// converters, store-generated keys left to the database), so the fast path cannot drift from the mapping the rest of the
/// code uses. For inserts of many rows only; the entities are not tracked.
/// </summary>
internal static class PostgreSqlCopy
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), Plan> Plans = new();

    /// <param name="overrides">Values the entity does not hold itself (a foreign key EF would set by fixup), by property name.</param>
    public static async Task CopyAsync<T>(MyAccountDbContext db, IEnumerable<T> entities, CancellationToken ct,
        Func<T, string, object?>? overrides = null) where T : class
    {
        var plan = Plans.GetOrAdd((db.Model, typeof(T)), static key => Plan.For(key.Item1, key.Item2));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(plan.Command, ct);
        foreach (var entity in entities)
        {
            // Synchronous writes fill Npgsql's buffer and only now and then send it: far cheaper per value than a task each.
            copy.StartRow();
            foreach (var column in plan.Columns)
            {
                var value = overrides?.Invoke(entity, column.Name) ?? column.Getter.GetClrValue(entity);
                if (value is not null && column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    copy.WriteNull();
                    continue;
                }

                if (value is Enum)
                {
                    value = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                }

                copy.Write(value, TypeOf(value));
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static NpgsqlDbType TypeOf(object value) => value switch
    {
        Guid => NpgsqlDbType.Uuid,
        long => NpgsqlDbType.Bigint,
        int => NpgsqlDbType.Integer,
        short => NpgsqlDbType.Smallint,
        bool => NpgsqlDbType.Boolean,
        string => NpgsqlDbType.Text,
        DateTime => NpgsqlDbType.TimestampTz,
        DateOnly => NpgsqlDbType.Date,
        decimal => NpgsqlDbType.Numeric,
        _ => throw new InvalidOperationException($"No COPY type for {value.GetType().Name}."),
    };

    /// <summary>An entity type's COPY command and, per column, what reads and converts its value: read from the model once.</summary>
    private sealed record Plan(string Command, IReadOnlyList<Column> Columns)
    {
        public static Plan For(IModel model, Type type)
        {
            var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            var properties = entityType.GetProperties()
                .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
                .ToList();
            var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
            return new Plan($"COPY \"{entityType.GetTableName()}\" ({columns}) FROM STDIN (FORMAT BINARY)",
                properties.Select(p => new Column(p.Name, p.GetGetter(), p.GetTypeMapping().Converter)).ToList());
        }
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);
}

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
    /// <param name="overrides">Values the entity does not hold itself (a foreign key EF would set by fixup), by property name.</param>
    public static async Task CopyAsync<T>(MyAccountDbContext db, IEnumerable<T> entities, CancellationToken ct,
        Func<T, string, object?>? overrides = null) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName()!;
        var properties = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var entity in entities)
        {
            await copy.StartRowAsync(ct);
            foreach (var property in properties)
            {
                var value = overrides?.Invoke(entity, property.Name) ?? property.GetGetter().GetClrValue(entity);
                if (value is not null && property.GetTypeMapping().Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is Enum)
                {
                    value = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                }

                if (value is null)
                {
                    await copy.WriteNullAsync(ct);
                    continue;
                }

                await copy.WriteAsync(value, TypeOf(value), ct);
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
}

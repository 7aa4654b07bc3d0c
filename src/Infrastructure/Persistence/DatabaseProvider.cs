namespace OmniaKey.Infrastructure.Persistence;

/// <summary>The database engines OmniaKey runs on; chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

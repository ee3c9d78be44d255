using Npgsql;
using OneGo.Web.Data;

namespace OneGo.Web.Tests.Api;

/// <summary>The PostgreSQL connection string OneGo uses: the pool reset is skipped unless the operator asks for it.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void The_pool_reset_is_skipped_and_every_other_setting_kept()
    {
        var used = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithoutPoolReset("Host=db.example;Port=5433;Database=onego;Username=onego;Maximum Pool Size=40"));
        Assert.True(used.NoResetOnClose);
        Assert.Equal("db.example", used.Host);
        Assert.Equal(5433, used.Port);
        Assert.Equal("onego", used.Database);
        Assert.Equal(40, used.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false")]
    [InlineData("Host=db.example;noresetonclose=False")]
    public void An_operator_who_sets_it_is_obeyed(string connectionString)
    {
        Assert.Equal(connectionString, DatabaseExtensions.WithoutPoolReset(connectionString));
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithoutPoolReset(connectionString)).NoResetOnClose);
    }
}

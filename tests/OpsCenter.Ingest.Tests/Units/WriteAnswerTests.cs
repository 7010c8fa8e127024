using InfluxDB.Client.Core.Exceptions;
using OpsCenter.Ingest.Buffering;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class WriteAnswerTests
{
    [Theory]
    [InlineData(401, """{"error":"authorization failed"}""", WriteVerdict.CredentialsRefused)]
    [InlineData(403, "user is not authorized to write to database", WriteVerdict.CredentialsRefused)]
    [InlineData(404, """{"error":"database not found: \"opscenter\""}""", WriteVerdict.DatabaseMissing)]
    [InlineData(500, "retention policy not found: week", WriteVerdict.DatabaseMissing)]
    [InlineData(400, "partial write: field type conflict", WriteVerdict.LinesRefused)]
    [InlineData(422, "points beyond retention policy", WriteVerdict.LinesRefused)]
    [InlineData(413, "request entity too large", WriteVerdict.LinesRefused)]
    [InlineData(429, "too many requests", WriteVerdict.Unreachable)]
    [InlineData(503, "engine overloaded", WriteVerdict.Unreachable)]
    [InlineData(0, "connection refused", WriteVerdict.Unreachable)]
    public void Classifies_an_answer_by_status_and_InfluxDB_message(int status, string message, WriteVerdict expected)
    {
        // The client wraps the HttpRequestException even of a request InfluxDB answered.
        var answer = WriteAnswer.From(new HttpException(message, status, new HttpRequestException("answered")));

        Assert.Equal(expected, answer?.Verdict);
        Assert.Equal(status, answer?.Status);
    }

    [Fact]
    public void Reads_InfluxDB_message_out_of_its_JSON_body()
    {
        var answer = WriteAnswer.From(new HttpException("{\"error\":\"authorization failed\"}\n", 401));

        Assert.Equal("authorization failed", answer?.Error);
    }

    [Fact]
    public void A_connection_failure_is_unreachable_and_a_bug_is_not_classified()
    {
        Assert.Equal(WriteVerdict.Unreachable, WriteAnswer.From(new HttpRequestException("refused"))?.Verdict);
        Assert.Null(WriteAnswer.From(new InvalidOperationException("bug")));
    }
}

using System.Text.Json;

namespace OmniaKey.Application;

/// <summary>The API speaks snake_case; validation errors name fields the way clients wrote them.</summary>
public static class SnakeCase
{
    public static string Convert(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => JsonNamingPolicy.SnakeCaseLower.ConvertName(part)));
}

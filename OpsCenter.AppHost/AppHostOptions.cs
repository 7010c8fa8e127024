namespace OpsCenter.AppHost;

/// <summary>What the run command was asked to start; read from the command line by <see cref="RunCommand"/>.</summary>
/// <param name="DataDirectory">Absolute path of the data folder.</param>
/// <param name="StartSimulator">False with <c>--no-simulator</c>.</param>
/// <param name="Scale"><c>demo</c>, <c>district</c> or <c>city</c>.</param>
internal sealed record AppHostOptions(string DataDirectory, bool StartSimulator, string Scale);

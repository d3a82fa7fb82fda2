using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using MiFast.Tests.Cli;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> makes the library package and the tool package; both install from the local
/// folder (a NuGet config with that folder and, for the library's dependencies, the packages this
/// build restored; an empty package cache) and run: a console
/// project referencing MiFast scores a labeling, and the installed <c>mifast</c> scores a file.
/// </summary>
/// <remarks>Slow (about a minute: packing compresses DuckDB's native libraries). Filter it out with
/// <c>--filter Category!=Packaging</c>; README's <c>dotnet test</c> runs it. It packs the build that
/// this test assembly was built with (<c>--no-build</c>, same configuration).</remarks>
[Trait("Category", "Packaging")]
public sealed class PackageTests : IDisposable
{
    private const string Version = "0.1.0";

    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-pack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PackedLibraryAndToolInstallAndRun()
    {
        string root = RepositoryRoot();
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug",
            StringComparison.Ordinal) ? "Debug" : "Release";
        string feed = Path.Combine(_dir, "feed");
        string config = Path.Combine(_dir, "nuget.config");

        // The library's own dependencies (MathNet.Numerics) come from the packages this build
        // restored, read as a local feed: no network needed.
        string restored = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="restored" value="{restored}" />
              </packageSources>
            </configuration>
            """);

        // (a) the library and (b) the tool, from this build.
        foreach (string project in new[] { "src/MiFast/MiFast.csproj", "src/MiFast.Cli/MiFast.Cli.csproj" })
        {
            Dotnet(root, "pack", Path.Combine(root, project), "-c", configuration, "--no-build", "-o", feed);
        }

        CheckLibraryPackage(feed);
        Assert.True(File.Exists(Path.Combine(feed, $"MiFast.Cli.{Version}.nupkg")));

        // A console project referencing the package scores a labeling.
        string app = Directory.CreateDirectory(Path.Combine(_dir, "app")).FullName;
        File.Copy(config, Path.Combine(app, "nuget.config"));
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MiFast" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Globalization;
            using MiFast;

            int[] truth = [0, 0, 0, 1, 1, 1, 2, 2, 2];
            string[] clusters = ["a", "a", "b", "b", "b", "b", "c", "c", "c"];
            double ami = ClusterMetrics.AdjustedMutualInfoScore(truth, clusters);
            Console.WriteLine(ami.ToString("R", CultureInfo.InvariantCulture));
            """);
        string printed = Dotnet(app, "run", "-c", "Release");
        double expected = ClusterMetrics.AdjustedMutualInfoScore<int, string>(
            [0, 0, 0, 1, 1, 1, 2, 2, 2], ["a", "a", "b", "b", "b", "b", "c", "c", "c"]);
        Assert.Equal(expected.ToString("R", CultureInfo.InvariantCulture), printed.Trim());
        Assert.Equal(0.6917, expected, 4);

        // The tool installs from the folder and scores a file as the in-process command does.
        string tools = Path.Combine(_dir, "tools");
        Dotnet(_dir, "tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed,
            "MiFast.Cli", "--version", Version);
        string iris = ReferenceCase.DataPath("iris.csv");
        string output = Run(Path.Combine(tools, "mifast"), _dir, "score", iris, "-t", "species", "-f", "json");
        Assert.Equal(CliRunner.Ok("score", iris, "-t", "species", "-f", "json"), output);
    }

    /// <summary>The library package: its id, licence expression, README, XML docs, symbols package
    /// and the commit it was built from (source link metadata).</summary>
    private static void CheckLibraryPackage(string feed)
    {
        string package = Path.Combine(feed, $"MiFast.{Version}.nupkg");
        Assert.True(File.Exists(Path.Combine(feed, $"MiFast.{Version}.snupkg")), "no symbols package");
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = [.. zip.Entries.Select(e => e.FullName)];
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/MiFast.dll", entries);
        Assert.Contains("lib/net10.0/MiFast.xml", entries);

        using Stream nuspec = zip.GetEntry("MiFast.nuspec")!.Open();
        XElement metadata = XDocument.Load(nuspec).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().First(e => e.Name.LocalName == name).Value;
        Assert.Equal("MiFast", Value("id"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        XElement repository = metadata.Elements().First(e => e.Name.LocalName == "repository");
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiFast.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("MiFast.sln not found above " + AppContext.BaseDirectory);
    }

    private string Dotnet(string workingDirectory, params string[] args) =>
        Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, args);

    /// <summary>Runs a program with its own package cache (nothing from earlier runs) and no MSBuild
    /// settings inherited from the test host; returns stdout, failing with both streams.</summary>
    private string Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (string name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)}: no exit after 5 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}\n"
            + $"{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}

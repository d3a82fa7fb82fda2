using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiFast;
using MiFast.Benchmarks;
using MiFast.Compare;

// MiFast's half of bench/compare.py: time every metric the manifest asks for on the same .npy
// files scikit-learn reads, plus the memory probe, and write the results as JSON.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MiFast.Compare MANIFEST.json OUT.json");
    return 2;
}

JsonArray manifest = JsonNode.Parse(File.ReadAllText(args[0]))!.AsArray();
var results = new JsonObject();
foreach (JsonNode? entry in manifest)
{
    string dataset = entry!["dataset"]!.GetValue<string>();
    int[] t = Npy.ReadInt32(entry["true"]!.GetValue<string>());
    int[] p = Npy.ReadInt32(entry["pred"]!.GetValue<string>());
    var row = new JsonObject { ["memory_probe"] = Measure(() => Probes.MemoryProbe(t, p)) };
    foreach (JsonNode? metric in entry["metrics"]!.AsArray())
    {
        string name = metric!.GetValue<string>();
        Console.Error.WriteLine($"MiFast: {dataset} {name}");
        row[name] = Measure(name switch
        {
            "mutual_info_score" => () => ClusterMetrics.MutualInfoScore<int, int>(t, p),
            "normalized_mutual_info_score" => () => ClusterMetrics.NormalizedMutualInfoScore<int, int>(t, p),
            "adjusted_rand_score" => () => ClusterMetrics.AdjustedRandScore<int, int>(t, p),
            "adjusted_mutual_info_score" => () => ClusterMetrics.AdjustedMutualInfoScore<int, int>(t, p),
            "compare" => () => ClusterMetrics.Compare<int, int>(t, p).AdjustedMutualInfo,
            "compare_without_ami" => () => CompareWithoutAmi(t, p),
            _ => throw new InvalidOperationException($"unknown metric {name}"),
        });
    }

    results[dataset] = row;
}

var output = new JsonObject
{
    ["environment"] = new JsonObject
    {
        ["sdk"] = Environment.GetEnvironmentVariable("MIFAST_SDK") ?? "",
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["vector_bits"] = Vector<byte>.Count * 8,
        ["workers"] = Environment.ProcessorCount,
    },
    ["results"] = results,
};
File.WriteAllText(args[1], output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
return 0;

// Every score Compare gives but EMI and AMI (computed on first read, so never here).
static double CompareWithoutAmi(int[] t, int[] p)
{
    ClusterScores s = ClusterMetrics.Compare<int, int>(t, p);
    return s.MutualInfo + s.NormalizedMutualInfo + s.AdjustedRand + s.Rand + s.VMeasure + s.FowlkesMallows
        + s.VariationOfInformation;
}

// Warm up (tiered JIT), then the median of 5 runs and the bytes one run allocates.
static JsonObject Measure(Func<double> run)
{
    double value = run();
    run();
    var times = new List<double>();
    long allocated = 0;
    for (int r = 0; r < 5; r++)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        value = run();
        times.Add(watch.Elapsed.TotalSeconds);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    times.Sort();
    return new JsonObject { ["seconds"] = times[2], ["value"] = value, ["allocated_bytes"] = allocated };
}

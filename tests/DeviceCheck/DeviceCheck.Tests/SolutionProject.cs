namespace DeviceCheck.Tests
{
    /// <summary>One project of a .sln: its project type GUID, name, path (with '\') and project GUID.</summary>
    public sealed record SolutionProject(string TypeGuid, string Name, string Path, string Guid);
}

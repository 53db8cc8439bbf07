using Xunit;

namespace DeviceCheck.Tests
{
    public class SolutionProjectsTests
    {
        [Fact]
        public void Parse_ReadsEveryProjectLine()
        {
            const string solution = "\uFEFF\nMicrosoft Visual Studio Solution File, Format Version 12.00\n"
                + "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"App\", \"src\\App\\App.nfproj\", \"{0E7D4A92-1C3F-4B58-A6E1-7F2B9C5D3E02}\"\r\nEndProject\r\n"
                + "Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"src\", \"src\", \"{827E0CD3-B72D-47B6-A68D-7590B98EB39B}\"\nEndProject\n"
                + "Global\nEndGlobal\n";
            Assert.Equal(new[]
            {
                new SolutionProject("{11A8DD76-328B-46DF-9F39-F559912D0360}", "App", @"src\App\App.nfproj", "{0E7D4A92-1C3F-4B58-A6E1-7F2B9C5D3E02}"),
                new SolutionProject("{2150E333-8FDC-42A3-9474-1A3956D46DE8}", "src", "src", "{827E0CD3-B72D-47B6-A68D-7590B98EB39B}"),
            }, SolutionProjects.Parse(solution));
        }
    }
}

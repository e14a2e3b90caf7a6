namespace Broadcast.Controller;

internal static class ControllerAssembly
{
}

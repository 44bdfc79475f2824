@echo off
rem SimCLR Studio launcher: no arguments opens the desktop app, a subcommand runs the command line.
rem JAVA_HOME or the java on PATH runs it; SIMCLR_STUDIO_OPTS adds JVM options.
rem The Linux launcher's allocator settings do not apply on Windows, where PyTorch's own builds
rem allocate CPU tensors with mimalloc (see the Training speed section of the benchmarks page).
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA_CMD=%JAVA_HOME%\bin\java.exe") else (set "JAVA_CMD=java.exe")
"%JAVA_CMD%" -Xmx2g %SIMCLR_STUDIO_OPTS% -cp "%APP_HOME%\lib\*" ${main.class} %*
exit /b %ERRORLEVEL%

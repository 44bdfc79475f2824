@echo off
rem SimCLR Studio launcher: no arguments opens the desktop app, a subcommand runs the command line.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA_CMD=%JAVA_HOME%\bin\java.exe") else (set "JAVA_CMD=java.exe")
"%JAVA_CMD%" %SIMCLR_STUDIO_OPTS% -cp "%APP_HOME%\lib\*" ${main.class} %*
exit /b %ERRORLEVEL%

@echo off
rem The nervusdb command (Windows): runs the NervusDB command-line tool from this installation.
rem Java: %JAVA_HOME%\bin\java.exe if JAVA_HOME is set, otherwise java on the PATH; Java 17 or newer.
rem Environment: JAVA_HOME; JAVA_OPTS or NERVUSDB_OPTS, extra JVM options (e.g. -Xmx4g).
setlocal

set "ROOT=%~dp0.."
if exist "%ROOT%\app\" (set "JARS=%ROOT%\app") else (set "JARS=%ROOT%\lib")

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java.exe"
)
if defined JAVA_HOME if not exist "%JAVA%" (
  echo nervusdb: JAVA_HOME is %JAVA_HOME%, which has no bin\java.exe; set it to a Java 17 ^(or newer^) installation 1>&2
  exit /b 1
)
if not defined JAVA_HOME (
  where java.exe >nul 2>nul || (
    echo nervusdb: java not found: install Java 17 or newer, or set JAVA_HOME to a Java installation 1>&2
    exit /b 1
  )
)

rem The version: the first number of java -version's "version" line (1.8 counts as 1, too old).
set "JAVA_VERSION="
rem ("call" first: cmd /c would strip the quotes of a path with spaces.)
for /f "tokens=3" %%v in ('call "%JAVA%" -version 2^>^&1 ^| findstr /i version') do if not defined JAVA_VERSION set "JAVA_VERSION=%%~v"
set "JAVA_MAJOR="
for /f "delims=.-+" %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if not defined JAVA_MAJOR (
  echo nervusdb: warning: cannot tell the version of %JAVA%; NervusDB needs Java 17 or newer 1>&2
) else if %JAVA_MAJOR% LSS 17 (
  echo nervusdb: NervusDB needs Java 17 or newer, but %JAVA% is Java %JAVA_VERSION%; install a newer Java or set JAVA_HOME to one 1>&2
  exit /b 1
)

rem JVM logging to standard error, so that the tool's output on standard output stays clean.
"%JAVA%" -Xlog:disable -Xlog:all=warning:stderr %JAVA_OPTS% %NERVUSDB_OPTS% -cp "%JARS%\*" org.nervusdb.cli.Main %*
exit /b %ERRORLEVEL%

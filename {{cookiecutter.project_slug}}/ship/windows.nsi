; The Windows installer (NSIS 3, Modern UI 2) for the standalone app folder.
;
; Build it with `python -m ship.windows`: that reads the project's name, version
; and author (ship/project.py) and passes them here as -D defines, so this file
; names no project and every project uses it unchanged.
;
; It installs for the current user only, as Tauri's installers do by default:
; into %LOCALAPPDATA%\Programs, with no administrator prompt, and registers an
; uninstaller under HKCU that removes exactly the files it installed.

Unicode true
ManifestDPIAware true ; sharp text on high-DPI screens
SetCompressor /SOLID lzma ; the smallest download for a folder of libraries

; --- what ship/windows.py passes ------------------------------------------

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "missing define ${NAME}: build the installer with `python -m ship.windows`"
  !endif
!macroend
!insertmacro REQUIRE PRODUCT         ; the name people see: My App
!insertmacro REQUIRE SLUG            ; the executable's name, without .exe
!insertmacro REQUIRE VERSION         ; 1.2.3 or 1.2.3-rc1, shown as is
!insertmacro REQUIRE NUMERIC_VERSION ; 1.2.3: the version resource takes numbers only
!insertmacro REQUIRE PUBLISHER
!insertmacro REQUIRE DESCRIPTION
!insertmacro REQUIRE IDENTIFIER      ; com.example.my-app: names the uninstall key
!insertmacro REQUIRE ICON            ; ship/icons/icon.ico
!insertmacro REQUIRE LICENSE_FILE    ; the project's LICENSE
!insertmacro REQUIRE FILE_LIST       ; the INSTALL_FILES and UNINSTALL_FILES macros
!insertmacro REQUIRE SIZE_KB         ; the app folder's size, for Apps & features
!insertmacro REQUIRE OUT_FILE        ; the setup .exe to write

!define APP_EXE "$INSTDIR\${SLUG}.exe"
!define UNINSTALLER "$INSTDIR\uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; The WebView2 runtime's id in EdgeUpdate (Microsoft's documented detection key).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"
!define WEBVIEW2_MISSING "${PRODUCT} needs the Microsoft Edge WebView2 Runtime, which this PC \
does not have.$\n$\nOpen its download page now? ${WEBVIEW2_URL}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "${FILE_LIST}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
; Per-user: no UAC prompt, and nothing outside the user's own profile.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
; An update installs where the previous version is, even if the user moved it.
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

; --- pages ----------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; After the pages: the language sets the strings they show.
!insertmacro MUI_LANGUAGE "English"

; --- the setup .exe's own Properties > Details ---------------------------

VIProductVersion "${NUMERIC_VERSION}.0" ; Windows wants four numbers
VIFileVersion "${NUMERIC_VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${PRODUCT} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "Comments" "${DESCRIPTION}"

; --- install --------------------------------------------------------------

Function .onInit
  ; The app draws its window with WebView2. Windows 11 has it, and so do most
  ; Windows 10 machines; where it is missing the app cannot open a window.
  ; The installer is 32-bit, so HKLM\SOFTWARE reads the WOW6432Node copy on
  ; 64-bit Windows: where Microsoft writes the machine-wide install.
  ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv" ; a per-user install
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ; /SD IDNO: a silent install (/S) goes on without asking.
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "${WEBVIEW2_MISSING}" /SD IDNO IDNO webview2_done
    ExecShell "open" "${WEBVIEW2_URL}"
    webview2_done:
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SectionApp
  SectionIn RO ; the app itself cannot be left out
  ; An update: the previous version's uninstaller removes its files first, so
  ; none it had and this version lacks stays behind. _?= makes it run in place
  ; and wait, instead of copying itself to %TEMP% and returning at once.
  ${If} ${FileExists} "${UNINSTALLER}"
    ExecWait '"${UNINSTALLER}" /S _?=$INSTDIR'
  ${EndIf}
  !insertmacro INSTALL_FILES
  WriteUninstaller "${UNINSTALLER}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "${APP_EXE}"

  ; What Settings > Apps (and Control Panel) show, and how they uninstall it.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Desktop shortcut" SectionDesktop
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "${APP_EXE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SectionApp} "${DESCRIPTION}"
  !insertmacro MUI_DESCRIPTION_TEXT ${SectionDesktop} "A shortcut to ${PRODUCT} on the desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; --- uninstall ------------------------------------------------------------

Section "Uninstall"
  ; File by file, never RMDir /r: a user who installed into a folder that held
  ; other files keeps them. The app's own settings (in %APPDATA%) stay too.
  !insertmacro UNINSTALL_FILES
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  Delete "${UNINSTALLER}"
  RMDir "$INSTDIR" ; only if empty now
SectionEnd

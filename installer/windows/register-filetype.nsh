; SPDX-License-Identifier: GPL-3.0-or-later
; Included by CPack's NSIS template inside the install section (CPACK_NSIS_EXTRA_INSTALL_COMMANDS).
; Registers .orb company files (MIME type application/x-orb-company) so that opening one starts
; Orb on it. SHCTX is HKLM for an all-users install and HKCU otherwise.
WriteRegStr SHCTX "Software\Classes\.orb" "" "Orb.CompanyFile"
WriteRegStr SHCTX "Software\Classes\.orb" "Content Type" "application/x-orb-company"
WriteRegStr SHCTX "Software\Classes\Orb.CompanyFile" "" "Orb company file"
WriteRegStr SHCTX "Software\Classes\Orb.CompanyFile\DefaultIcon" "" "$INSTDIR\bin\orb-billing.exe,0"
WriteRegStr SHCTX "Software\Classes\Orb.CompanyFile\shell\open\command" "" '"$INSTDIR\bin\orb-billing.exe" "%1"'
WriteRegStr SHCTX "Software\Classes\Applications\orb-billing.exe\SupportedTypes" ".orb" ""
; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

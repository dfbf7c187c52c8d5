; SPDX-License-Identifier: GPL-3.0-or-later
; Included by CPack's NSIS template inside the uninstall section
; (CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS): undoes register-filetype.nsh.
ReadRegStr $0 SHCTX "Software\Classes\.orb" ""
StrCmp $0 "Orb.CompanyFile" 0 +2
  DeleteRegKey SHCTX "Software\Classes\.orb"
DeleteRegKey SHCTX "Software\Classes\Orb.CompanyFile"
DeleteRegKey SHCTX "Software\Classes\Applications\orb-billing.exe"
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

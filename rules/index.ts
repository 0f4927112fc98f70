/** The registry: every rule FlaskGuard runs, in documentation order (by code). */
import type { Rule } from '../src/core/rule.js';
import { committedSecretKey } from './committed-secret-key.js';
import { cookieTrustedForAccess } from './cookie-trusted-for-access.js';
import { corsAnyOrigin } from './cors-any-origin.js';
import { corsConfigCredentialsAnyOrigin } from './cors-config-credentials-any-origin.js';
import { corsCredentialsAnyOrigin } from './cors-credentials-any-origin.js';
import { csrfCheckDefaultDisabled } from './csrf-check-default-disabled.js';
import { csrfExemptUnsafeRoute } from './csrf-exempt-unsafe-route.js';
import { csrfProtectionDisabled } from './csrf-protection-disabled.js';
import { debugConfigEnabled } from './debug-config-enabled.js';
import { debugInDeployment } from './debug-in-deployment.js';
import { exceptionDetailsInResponse } from './exception-details-in-response.js';
import { fileOperationRequestPath } from './file-operation-request-path.js';
import { flaskRunDebug } from './flask-run-debug.js';
import { hardcodedSecretKey } from './hardcoded-secret-key.js';
import { hardcodedSigningKey } from './hardcoded-signing-key.js';
import { htmlResponseRequestData } from './html-response-request-data.js';
import { jinjaAutoescapeBlock } from './jinja-autoescape-block.js';
import { jinjaAutoescapeDisabled } from './jinja-autoescape-disabled.js';
import { jinjaSafeFilter } from './jinja-safe-filter.js';
import { jinjaUnprotectedContext } from './jinja-unprotected-context.js';
import { locationHeaderFromRequest } from './location-header-from-request.js';
import { markupRequestData } from './markup-request-data.js';
import { openRedirect } from './open-redirect.js';
import { openRequestPath } from './open-request-path.js';
import { secretInClientSession } from './secret-in-client-session.js';
import { secretKeyFallback } from './secret-key-fallback.js';
import { secretKeyGeneratedAtStartup } from './secret-key-generated-at-startup.js';
import { sendFileRequestPath } from './send-file-request-path.js';
import { sendFromDirectoryRequestDirectory } from './send-from-directory-request-directory.js';
import { sessionCookieHttponlyDisabled } from './session-cookie-httponly-disabled.js';
import { sessionCookieInsecure } from './session-cookie-insecure.js';
import { sessionCookieSamesiteNone } from './session-cookie-samesite-none.js';
import { sessionLifetimeTooLong } from './session-lifetime-too-long.js';
import { sessionSignerDisabled } from './session-signer-disabled.js';
import { setCookieWithoutFlags } from './set-cookie-without-flags.js';
import { talismanCspDisabled } from './talisman-csp-disabled.js';
import { talismanHttpsDisabled } from './talisman-https-disabled.js';
import { talismanWeakCsp } from './talisman-weak-csp.js';
import { templateStringInjection } from './template-string-injection.js';
import { undeclaredFlaskDependency } from './undeclared-flask-dependency.js';
import { unescapedTemplateRender } from './unescaped-template-render.js';
import { unpinnedDependency } from './unpinned-dependency.js';
import { unpinnedVcsDependency } from './unpinned-vcs-dependency.js';
import { uploadExtensionUnchecked } from './upload-extension-unchecked.js';
import { uploadFilenameUnsanitized } from './upload-filename-unsanitized.js';
import { vulnerableDependency } from './vulnerable-dependency.js';
import { werkzeugDebugger } from './werkzeug-debugger.js';

export const RULES: readonly Rule[] = [
  flaskRunDebug,
  debugConfigEnabled,
  debugInDeployment,
  werkzeugDebugger,
  exceptionDetailsInResponse,
  hardcodedSecretKey,
  secretKeyFallback,
  committedSecretKey,
  secretKeyGeneratedAtStartup,
  hardcodedSigningKey,
  sessionCookieInsecure,
  sessionCookieHttponlyDisabled,
  sessionCookieSamesiteNone,
  sessionLifetimeTooLong,
  setCookieWithoutFlags,
  cookieTrustedForAccess,
  sessionSignerDisabled,
  secretInClientSession,
  openRedirect,
  locationHeaderFromRequest,
  csrfProtectionDisabled,
  csrfCheckDefaultDisabled,
  csrfExemptUnsafeRoute,
  corsCredentialsAnyOrigin,
  corsConfigCredentialsAnyOrigin,
  corsAnyOrigin,
  sendFileRequestPath,
  sendFromDirectoryRequestDirectory,
  openRequestPath,
  uploadFilenameUnsanitized,
  uploadExtensionUnchecked,
  fileOperationRequestPath,
  templateStringInjection,
  markupRequestData,
  jinjaAutoescapeDisabled,
  unescapedTemplateRender,
  htmlResponseRequestData,
  jinjaSafeFilter,
  jinjaAutoescapeBlock,
  jinjaUnprotectedContext,
  talismanCspDisabled,
  talismanHttpsDisabled,
  talismanWeakCsp,
  vulnerableDependency,
  unpinnedDependency,
  undeclaredFlaskDependency,
  unpinnedVcsDependency,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

// Programme upload with progress. fetch() cannot report upload progress, XMLHttpRequest can (xhr.upload.onprogress).
// After the last byte the controller still decodes, measures and encodes: the caller shows "processing" then.
import { csrfHeaders, ApiError } from './api.js';
import { t } from './i18n.js';

/**
 * Sends the form to POST /api/programmes. onProgress(sent, total) fires while uploading; onSent() once the whole
 * body is out. Resolves with the ProgrammeView (201 new, 200 duplicate), rejects with an ApiError.
 */
export function uploadProgramme(form, { onProgress, onSent } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/programmes');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total); };
    xhr.upload.onload = () => onSent?.();
    xhr.onerror = () => reject(new ApiError(0, { detail: t('error.network') }));
    xhr.onload = () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.send(form);
  });
}

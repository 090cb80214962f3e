import type { FileRef } from '../tenant/tenant-model.js';

/**
 * A file as Zoom lists it. The download URL carries the message id in its `jwt` parameter, as
 * Zoom's carries a signed token, so the bytes can be found without an index of generated files.
 */
export function fileJson(ref: FileRef, messageId: string, publicUrl: string) {
  const jwt = Buffer.from(messageId).toString('base64url');
  return {
    download_url: `${publicUrl}/file/download/${ref.fileId}?filename=${encodeURIComponent(ref.fileName)}&jwt=${jwt}`,
    file_id: ref.fileId,
    file_name: ref.fileName,
    file_size: ref.fileSize,
  };
}

export function messageIdFromJwt(jwt: string): string {
  return Buffer.from(jwt, 'base64url').toString('utf8');
}

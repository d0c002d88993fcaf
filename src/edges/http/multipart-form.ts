// One uploaded file and a few named text fields from a multipart body; an unknown field is
// rejected (as in JSON bodies) and a file over its limit is a 413, never a truncated upload.
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { DomainError } from '../../core/domain-error.js';

export interface MultipartForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: { readonly filename: string; readonly bytes: Buffer };
}

export async function readMultipartForm(
  request: FastifyRequest,
  fieldNames: readonly string[],
  bytesMax: number,
): Promise<MultipartForm> {
  if (!request.isMultipart())
    throw new DomainError(
      'http.unsupported_media_type',
      'this operation takes multipart/form-data',
    );
  const fields: Record<string, string> = {};
  let file: MultipartForm['file'] | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file !== undefined)
        throw new DomainError(
          'input.unknown_field',
          `multipart: one file, in the field "file" (got "${part.fieldname}")`,
          { field: part.fieldname },
        );
      const bytes = await part.toBuffer();
      if (bytes.byteLength > bytesMax)
        throw new DomainError(
          'http.payload_too_large',
          `the file may be at most ${bytesMax} bytes`,
          { field: 'file' },
        );
      file = { filename: part.filename, bytes };
    } else {
      if (!fieldNames.includes(part.fieldname))
        throw new DomainError(
          'input.unknown_field',
          `multipart: unknown field "${part.fieldname}"; known: file, ${fieldNames.join(', ')}`,
          { field: part.fieldname },
        );
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file)
    throw new DomainError('input.invalid', 'multipart: the field "file" is missing', {
      field: 'file',
    });
  return { fields, file };
}

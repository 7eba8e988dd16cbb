import type { S3Client } from '@aws-sdk/client-s3';
import { assertValidKey, type ArchiveStorage } from './archive-storage.port.js';

export interface S3ArchiveSettings {
  readonly bucket: string;
  /** Keys are put under this prefix (`archives/` say); none by default. */
  readonly prefix?: string;
  readonly region?: string;
  /** An S3-compatible service's endpoint (MinIO, Ceph, R2…); AWS's own when unset. */
  readonly endpoint?: string;
  /** Bucket in the path rather than the host name (most S3-compatible services want it). */
  readonly forcePathStyle?: boolean;
}

/**
 * Archives in an S3-compatible bucket through the AWS SDK (`@aws-sdk/client-s3`, loaded only when
 * this storage is chosen). Credentials come from the SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). A PutObject is atomic: a reader sees the
 * old object or the new one. The SDK checks each upload's checksum (CRC32 by default).
 */
export class S3ArchiveStorage implements ArchiveStorage {
  readonly location: string;
  private readonly prefix: string;

  private constructor(
    private readonly client: S3Client,
    private readonly sdk: typeof import('@aws-sdk/client-s3'),
    private readonly bucket: string,
    prefix: string | undefined,
  ) {
    this.prefix = prefix ? (prefix.endsWith('/') ? prefix : `${prefix}/`) : '';
    this.location = `s3://${bucket}/${this.prefix}`;
  }

  static async connect(settings: S3ArchiveSettings, client?: S3Client): Promise<S3ArchiveStorage> {
    const sdk = await import('@aws-sdk/client-s3');
    const s3 =
      client ??
      new sdk.S3Client({
        ...(settings.region ? { region: settings.region } : {}),
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        forcePathStyle: settings.forcePathStyle ?? false,
      });
    return new S3ArchiveStorage(s3, sdk, settings.bucket, settings.prefix);
  }

  async put(key: string, content: Buffer): Promise<void> {
    await this.client.send(new this.sdk.PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: content, ContentLength: content.length }));
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const answer = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!answer.Body) return Buffer.alloc(0);
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof this.sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  async list(prefix: string, { after, limit }: { after?: string; limit?: number } = {}): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ContinuationToken: token,
          ...(after !== undefined && token === undefined ? { StartAfter: this.prefix + after } : {}),
          ...(limit !== undefined ? { MaxKeys: Math.min(1000, limit - keys.length) } : {}),
        }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key.slice(this.prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && (limit === undefined || keys.length < limit));
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.prefix + key;
  }
}

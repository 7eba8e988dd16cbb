import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describeArchiveStorageContract } from '../../test/archive-storage.contract.js';
import { S3ArchiveStorage } from './s3-archive-storage.js';

/**
 * A bucket in memory behind the SDK's client (aws-sdk-client-mock answers its commands), listing
 * two keys a page so that paging is exercised.
 */
function fakeBucket(client: S3Client) {
  const objects = new Map<string, Buffer>();
  const mock = mockClient(client);
  mock.on(PutObjectCommand).callsFake(({ Key, Body }) => {
    objects.set(Key, Buffer.from(Body as Buffer));
    return {};
  });
  mock.on(GetObjectCommand).callsFake(({ Key }) => {
    const found = objects.get(Key);
    if (!found) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToByteArray: async () => new Uint8Array(found) } } as unknown as GetObjectCommandOutput;
  });
  mock.on(DeleteObjectCommand).callsFake(({ Key }) => {
    objects.delete(Key);
    return {};
  });
  mock.on(ListObjectsV2Command).callsFake(({ Prefix = '', StartAfter, ContinuationToken, MaxKeys = 1000 }) => {
    const after = ContinuationToken ?? StartAfter;
    const keys = [...objects.keys()].filter((key) => key.startsWith(Prefix) && (after === undefined || key > after)).sort();
    const page = keys.slice(0, Math.min(2, MaxKeys));
    const truncated = keys.length > page.length;
    return { Contents: page.map((Key) => ({ Key })), IsTruncated: truncated, ...(truncated ? { NextContinuationToken: page.at(-1) } : {}) };
  });
  return { objects, mock };
}

describeArchiveStorageContract('S3ArchiveStorage', async () => {
  const client = new S3Client({ region: 'eu-west-1' });
  fakeBucket(client);
  return S3ArchiveStorage.connect({ bucket: 'openbank-archives', prefix: 'cold' }, client);
});

describe('S3ArchiveStorage', () => {
  it('puts every key under its prefix in its bucket, and says where it is', async () => {
    const client = new S3Client({ region: 'eu-west-1' });
    const { objects, mock } = fakeBucket(client);
    const storage = await S3ArchiveStorage.connect({ bucket: 'openbank-archives', prefix: 'cold/' }, client);
    await storage.put('account/account-1/0-1.ndjson.gz', Buffer.from('x'));
    expect([...objects.keys()]).toEqual(['cold/account/account-1/0-1.ndjson.gz']);
    expect(mock.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({ Bucket: 'openbank-archives', ContentLength: 1 });
    expect(storage.location).toBe('s3://openbank-archives/cold/');
  });

  it('passes on what the bucket refuses, other than a missing key', async () => {
    const client = new S3Client({ region: 'eu-west-1' });
    mockClient(client).on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const storage = await S3ArchiveStorage.connect({ bucket: 'openbank-archives' }, client);
    await expect(storage.get('a/b')).rejects.toThrow('Access Denied');
  });
});

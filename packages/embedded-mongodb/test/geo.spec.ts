import { useDatabase } from './target.js';

describe('geospatial queries', () => {
  const fixture = useDatabase('geo');
  const coll = (name: string) => fixture().db.collection(name);
  const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);

  it('legacy pairs: $near orders by plane distance and honours $maxDistance (2d index)', async () => {
    const c = coll('legacy');
    await c.createIndex({ loc: '2d' });
    await c.insertMany([{ _id: 1, loc: [10, 20] }, { _id: 2, loc: [40, 90] }, { _id: 3, loc: [25, 30] }] as never[]);
    expect(ids(await c.find({ loc: { $near: [30, 40] } }).toArray())).toEqual([3, 1, 2]);
    expect(ids(await c.find({ loc: { $near: [25, 31], $maxDistance: 1 } }).toArray())).toEqual([3]);
    expect(ids(await c.find({ loc: { $near: [25, 32], $maxDistance: 1 } }).toArray())).toEqual([]);
    expect(ids(await c.find({ loc: { $nearSphere: [30, 40] } }).toArray())).toHaveLength(3);
  });

  it('legacy shapes: $box, $polygon, $center and $centerSphere', async () => {
    const c = coll('legacy_shapes');
    await c.insertMany([{ _id: 1, loc: [35, 50] }, { _id: 2, loc: [-40, -80] }, { _id: 3, loc: { lng: 1, lat: 1 } }] as never[]);
    const within = async (shape: object) => ids(await c.find({ loc: { $geoWithin: shape } }).sort({ _id: 1 }).toArray());
    expect(await within({ $box: [[30, 40], [40, 60]] })).toEqual([1]);
    expect(await within({ $polygon: [[0, 0], [0, 2], [2, 2], [2, 0]] })).toEqual([3]);
    expect(await within({ $center: [[0, 0], 2] })).toEqual([3]);
    expect(await within({ $centerSphere: [[-40, -80], 0.01] })).toEqual([2]);
    expect(ids(await c.find({ loc: { $within: { $box: [[30, 40], [40, 60]] } } }).toArray())).toEqual([1]);
  });

  it('GeoJSON: $geoWithin a polygon, $geoIntersects across the antimeridian, $near in meters (2dsphere)', async () => {
    const c = coll('geojson');
    await c.createIndex({ geo: '2dsphere' });
    await c.insertMany([
      { _id: 1, geo: { type: 'Point', coordinates: [0, 0] } },
      { _id: 2, geo: { type: 'LineString', coordinates: [[-178, 10], [178, 10]] } },
      { _id: 3, geo: { type: 'Point', coordinates: [-179, 0] } },
      { _id: 4, geo: { type: 'Polygon', coordinates: [[[28.7, 41], [29.2, 40.9], [29.1, 41.3], [28.7, 41]]] } },
    ] as never[]);
    const square = { type: 'Polygon', coordinates: [[[-5, -5], [-5, 5], [5, 5], [5, -5], [-5, -5]]] };
    expect(ids(await c.find({ geo: { $geoWithin: { $geometry: square } } }).toArray())).toEqual([1]);
    const meridian = { type: 'LineString', coordinates: [[180, 11], [180, 9]] };
    expect(ids(await c.find({ geo: { $geoIntersects: { $geometry: meridian } } }).toArray())).toEqual([2]);
    const region = { type: 'Polygon', coordinates: [[[26, 36], [45, 36], [45, 42], [26, 42], [26, 36]]] };
    expect(ids(await c.find({ geo: { $geoIntersects: { $geometry: region } } }).toArray())).toEqual([4]);
    const near = { $geometry: { type: 'Point', coordinates: [-179, 0] }, $maxDistance: 50 };
    expect(ids(await c.find({ geo: { $near: near } }).toArray())).toEqual([3]);
    const far = { $geometry: { type: 'Point', coordinates: [1, 0] } };
    expect(ids(await c.find({ geo: { $near: far } }).limit(2).toArray())).toEqual([1, 4]);
  });

  it('$geoNear stage: nearest first with the distance in meters, a query, and only as the first stage', async () => {
    const c = coll('geo_near_stage');
    await c.createIndex({ loc: '2dsphere' });
    await c.insertMany([
      { _id: 1, kind: 'cafe', loc: { type: 'Point', coordinates: [0, 1] } },
      { _id: 2, kind: 'shop', loc: { type: 'Point', coordinates: [0, 0.5] } },
      { _id: 3, kind: 'cafe', loc: { type: 'Point', coordinates: [0, 0.1] } },
    ] as never[]);
    const near = { type: 'Point', coordinates: [0, 0] };
    const docs = await c.aggregate([{ $geoNear: { near, distanceField: 'dist.m', query: { kind: 'cafe' } } }, { $project: { dist: 1 } }]).toArray();
    expect(docs.map((d) => d._id)).toEqual([3, 1]);
    expect(docs[0].dist.m).toBeGreaterThan(11_000);
    expect(docs[0].dist.m).toBeLessThan(11_200);
    await expect(c.aggregate([{ $match: {} }, { $geoNear: { near, distanceField: 'd' } }]).toArray()).rejects.toMatchObject({ code: 40603 });
    await expect(c.countDocuments({ loc: { $near: { $geometry: near } } })).rejects.toMatchObject({ code: 5626500 });
  });

  it('refuses documents whose 2dsphere-indexed field is no geometry (16755), accepts missing ones', async () => {
    const c = coll('sphere_checks');
    await c.createIndex({ loc: '2dsphere' });
    await c.insertMany([{ _id: 1 }, { _id: 2, loc: null }, { _id: 3, loc: [10, 20] }, { _id: 4, loc: { type: 'Point', coordinates: [1, 2] } }] as never[]);
    for (const loc of ['nowhere', { type: 'Point', coordinates: ['a', 1] }, { type: 'Point', coordinates: [200, 10] }, [10, 95]]) {
      await expect(c.insertOne({ loc } as never)).rejects.toMatchObject({ code: 16755 });
    }
    await expect(c.updateOne({ _id: 1 } as never, { $set: { loc: 'nowhere' } })).rejects.toMatchObject({ code: 16755 });
    const other = coll('sphere_build');
    await other.insertOne({ loc: 'nowhere' });
    await expect(other.createIndex({ loc: '2dsphere' })).rejects.toMatchObject({ code: 16755 });
  });

  it('$near without a geo index fails with 291', async () => {
    const c = coll('no_index');
    await c.insertOne({ loc: [1, 1] });
    await expect(c.find({ loc: { $near: [0, 0] } }).toArray()).rejects.toMatchObject({ code: 291 });
  });
});

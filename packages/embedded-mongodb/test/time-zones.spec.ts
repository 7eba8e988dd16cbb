import { useDatabase } from './target.js';

describe('time zones in date expressions', () => {
  const fixture = useDatabase('time_zones');
  const events = () => fixture().db.collection('events');

  beforeAll(async () => {
    await events().insertMany([
      { _id: 'winter', at: new Date('2026-01-15T23:30:00Z') },
      { _id: 'summer', at: new Date('2026-07-15T23:30:00Z') },
    ] as never[]);
  });

  const formatted = async (timezone: string) =>
    Object.fromEntries(
      (await events().aggregate([{ $project: { day: { $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M', timezone } } } }, { $sort: { _id: 1 } }]).toArray()).map(
        (document) => [document._id, document.day],
      ),
    );

  it('takes the names of zones without an area ("UTC", "GMT") as MongoDB does', async () => {
    expect(await formatted('UTC')).toEqual({ summer: '2026-07-15 23:30', winter: '2026-01-15 23:30' });
    expect(await formatted('GMT')).toEqual({ summer: '2026-07-15 23:30', winter: '2026-01-15 23:30' });
  });

  it('takes names of three parts, with the offset of each date (daylight saving time included)', async () => {
    expect(await formatted('America/Argentina/Buenos_Aires')).toEqual({ summer: '2026-07-15 20:30', winter: '2026-01-15 20:30' });
    expect(await formatted('Europe/Paris')).toEqual({ summer: '2026-07-16 01:30', winter: '2026-01-16 00:30' });
  });

  it('uses the zone in date parts too', async () => {
    const [part] = await events().aggregate([{ $match: { _id: 'winter' } }, { $project: { day: { $dayOfMonth: { date: '$at', timezone: 'Asia/Kolkata' } }, hour: { $hour: { date: '$at', timezone: 'Etc/UTC' } } } }]).toArray();
    expect(part).toEqual({ _id: 'winter', day: 16, hour: 23 });
  });

  it('takes a zone given by an expression', async () => {
    const [document] = await events().aggregate([{ $match: { _id: 'summer' } }, { $project: { hour: { $hour: { date: '$at', timezone: { $literal: 'UTC' } } } } }]).toArray();
    expect(document).toEqual({ _id: 'summer', hour: 23 });
  });
});

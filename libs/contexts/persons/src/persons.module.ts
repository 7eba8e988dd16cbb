import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { personCloudEventTypes } from './contracts/person.cloudevent-types.js';
import { Person, personalDataOfPersons } from './domain/person.js';
import { personAddressChangedV1ToV2 } from './domain/person.upcasters.js';
import { ChangePersonAddressHandler } from './commands/change-person-address/change-person-address.handler.js';
import { ChangePersonAddressHttpController } from './commands/change-person-address/change-person-address.http.controller.js';
import { ForgetPersonHandler } from './commands/forget-person/forget-person.handler.js';
import { ForgetPersonHttpController } from './commands/forget-person/forget-person.http.controller.js';
import { LookUpPersonHandler } from './write-model-queries/look-up-person/look-up-person.handler.js';
import { RegisterPersonHandler } from './commands/register-person/register-person.handler.js';
import { RegisterPersonHttpController } from './commands/register-person/register-person.http.controller.js';
import { GetPersonHandler } from './read-models/person-details/get-person.handler.js';
import { ListPersonsHandler } from './read-models/person-details/list-persons.handler.js';
import { PersonDetailsHttpController } from './read-models/person-details/person-details.http.controller.js';
import { PersonDetailsProjection } from './read-models/person-details/person-details.projection.js';
import { PersonDetails, PersonDetailsSchema } from './read-models/person-details/person-details.schema.js';
import { PersonOwnership } from './write-model-queries/look-up-person/person-ownership.js';
import { PersonHistoryHandler } from './write-model-queries/person-history/person-history.handler.js';
import { PersonTimelineHttpController } from './write-model-queries/person-history/person-timeline.http.controller.js';

/** The persons bounded context: registering persons and their addresses, forgetting them, and each person's timeline. */
@Module({
  imports: [
    EventSourcingModule.forFeature({ aggregates: [Person], upcasters: [personAddressChangedV1ToV2], personalData: [personalDataOfPersons] }),
    CloudEventsModule.forFeature(personCloudEventTypes),
    MongooseModule.forFeature([{ name: PersonDetails.name, schema: PersonDetailsSchema }]),
  ],
  controllers: [RegisterPersonHttpController, ChangePersonAddressHttpController, ForgetPersonHttpController, PersonTimelineHttpController, PersonDetailsHttpController],
  providers: [
    PersonOwnership,
    RegisterPersonHandler,
    ChangePersonAddressHandler,
    ForgetPersonHandler,
    LookUpPersonHandler,
    PersonHistoryHandler,
    PersonDetailsProjection,
    GetPersonHandler,
    ListPersonsHandler,
  ],
})
export class PersonsModule {}

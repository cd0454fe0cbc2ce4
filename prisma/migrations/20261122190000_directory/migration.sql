-- CreateEnum
CREATE TYPE "service_audience" AS ENUM ('families', 'partners');

-- CreateEnum
CREATE TYPE "service_pregnancy" AS ENUM ('required', 'welcome', 'no');

-- CreateEnum
CREATE TYPE "service_coverage" AS ENUM ('neighbourhood', 'montreal', 'province', 'elsewhere');

-- CreateEnum
CREATE TYPE "schedule_season" AS ENUM ('spring', 'summer', 'fall', 'winter', 'year_round');

-- CreateEnum
CREATE TYPE "schedule_frequency" AS ENUM ('once', 'daily', 'weekly', 'monthly', 'yearly', 'ongoing');

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "unverified" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" JSONB,
    "from_seed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "source_name" TEXT,
    "audience" "service_audience" NOT NULL DEFAULT 'families',
    "needs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "min_age_months" INTEGER,
    "max_age_months" INTEGER,
    "pregnancy" "service_pregnancy" NOT NULL DEFAULT 'no',
    "free" BOOLEAN NOT NULL DEFAULT false,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "coverage" "service_coverage" NOT NULL DEFAULT 'neighbourhood',
    "neighbourhoods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contact_phone" TEXT,
    "contact_email" TEXT,
    "contact_url" TEXT,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "unverified" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" JSONB,
    "from_seed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_texts" (
    "service_id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "eligibility" TEXT NOT NULL,
    "cost" TEXT NOT NULL,
    "how_to_register" TEXT NOT NULL,
    "territory" TEXT,

    CONSTRAINT "service_texts_pkey" PRIMARY KEY ("service_id","language")
);

-- CreateTable
CREATE TABLE "locations" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "address" TEXT NOT NULL,
    "neighbourhood" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "unverified" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" JSONB,
    "from_seed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_locations" (
    "service_id" TEXT NOT NULL,
    "location_id" TEXT NOT NULL,

    CONSTRAINT "service_locations_pkey" PRIMARY KEY ("service_id","location_id")
);

-- CreateTable
CREATE TABLE "schedules" (
    "id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "description" JSONB NOT NULL,
    "season" "schedule_season",
    "months" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "frequency" "schedule_frequency",
    "duration" JSONB,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "unverified" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "from_seed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "services_organization_id_idx" ON "services"("organization_id");

-- CreateIndex
CREATE INDEX "services_needs_idx" ON "services" USING GIN ("needs");

-- CreateIndex
CREATE INDEX "services_neighbourhoods_idx" ON "services" USING GIN ("neighbourhoods");

-- CreateIndex
CREATE INDEX "locations_organization_id_idx" ON "locations"("organization_id");

-- CreateIndex
CREATE INDEX "service_locations_location_id_idx" ON "service_locations"("location_id");

-- CreateIndex
CREATE INDEX "schedules_service_id_idx" ON "schedules"("service_id");

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_texts" ADD CONSTRAINT "service_texts_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_locations" ADD CONSTRAINT "service_locations_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_locations" ADD CONSTRAINT "service_locations_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
